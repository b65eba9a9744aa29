namespace LiteBox.Ecs.Tests;

/// <summary>
/// Applies tens of thousands of random operations, with live, stale and made-up handles, to a
/// world and to a dictionary model, and checks after every operation that both agree: the same
/// exception or none, the same values read, the same count; and regularly that every handle's
/// liveness, every component value and several queries' entity sets agree too.
/// </summary>
public sealed class RandomizedModelTests
{
    private const int Operations = 20_000;
    private const int FullCheckEvery = 100;

    private static readonly ComponentKind[] s_kinds =
    [
        new ComponentKind<Position>(r => new Position(r.Next(-1000, 1000), r.Next(-1000, 1000))),
        new ComponentKind<Velocity>(r => new Velocity(r.Next(-50, 50), r.Next(-50, 50))),
        new ComponentKind<Health>(r => new Health(r.Next())),
        new ComponentKind<Frozen>(_ => default),
        new ComponentKind<Label>(r => new Label(r.Next(4) == 0 ? null : "text " + r.Next(100))),
    ];

    private static readonly ComponentKind s_tracer = new ComponentKind<Tracer>(r => new Tracer(r.Next()));

    private static readonly Dictionary<Type, ComponentKind> s_kindByType = s_kinds.Append(s_tracer).ToDictionary(k => k.Type);

    private static readonly (Type[] Types, Func<World, object[], Entity> Create)[] s_genericCreates =
    [
        ([typeof(Position)], (w, v) => w.Create((Position)v[0])),
        ([typeof(Velocity), typeof(Health)], (w, v) => w.Create((Velocity)v[0], (Health)v[1])),
        ([typeof(Label), typeof(Position), typeof(Frozen)], (w, v) => w.Create((Label)v[0], (Position)v[1], (Frozen)v[2])),
        ([typeof(Position), typeof(Velocity), typeof(Health), typeof(Label)], (w, v) => w.Create((Position)v[0], (Velocity)v[1], (Health)v[2], (Label)v[3])),
    ];

    private static readonly (Type[] Types, Action<World, Entity[], object[]> CreateMany)[] s_genericCreateManys =
    [
        ([typeof(Health)], (w, e, v) => w.CreateMany(e, (Health)v[0])),
        ([typeof(Position), typeof(Frozen)], (w, e, v) => w.CreateMany(e, (Position)v[0], (Frozen)v[1])),
        ([typeof(Velocity), typeof(Label), typeof(Health)], (w, e, v) => w.CreateMany(e, (Velocity)v[0], (Label)v[1], (Health)v[2])),
    ];

    private static readonly (string Name, QueryDescription Description, Func<ICollection<Type>, bool> Selects)[] s_queries =
    [
        ("everything", QueryDescription.Everything, _ => true),
        ("all Position", new QueryDescription().WithAll<Position>(), s => s.Contains(typeof(Position))),
        ("all Position Velocity none Frozen", new QueryDescription().WithAll<Position, Velocity>().WithNone<Frozen>(),
            s => s.Contains(typeof(Position)) && s.Contains(typeof(Velocity)) && !s.Contains(typeof(Frozen))),
        ("any Health Label", new QueryDescription().WithAny<Health, Label>(), s => s.Contains(typeof(Health)) || s.Contains(typeof(Label))),
        ("exclusive Position", new QueryDescription().WithExclusive<Position>(), s => s.Count == 1 && s.Contains(typeof(Position))),
        ("none Position Velocity Health", new QueryDescription().WithNone<Position, Velocity, Health>(),
            s => !s.Contains(typeof(Position)) && !s.Contains(typeof(Velocity)) && !s.Contains(typeof(Health))),
        ("all Frozen", new QueryDescription().WithAll<Frozen>(), s => s.Contains(typeof(Frozen))),
    ];

    [TestCase(1)]
    [TestCase(20_240_601)]
    [TestCase(987_654_321)]
    public void The_world_agrees_with_a_dictionary_model_over_many_random_operations(int seed)
    {
        using var world = new World();
        new Run(world, new Random(seed), seed).Execute();
    }

    /// <summary>One randomized run: the world, the model, and the operations on both.</summary>
    private sealed class Run(World world, Random random, int seed)
    {
        private readonly WorldModel _model = new();
        private readonly CommandBuffer _buffer = new();
        private readonly List<Entity> _oldPlaceholders = [];
        private int _step;
        private int _nextMarker;

        public void Execute()
        {
            for (_step = 0; _step < Operations; _step++)
            {
                Step();
                if (world.Count != _model.Count)
                {
                    Assert.That(world.Count, Is.EqualTo(_model.Count), Where("count"));
                }

                if (_step % FullCheckEvery == FullCheckEvery - 1)
                {
                    CompareEverything();
                }
            }

            CompareEverything();
            Assert.That(_model.Handles.Count(), Is.GreaterThan(2000), "the run exercised many entities");
        }

        private string Where(string what) => $"seed {seed}, step {_step}: {what}";

        private void Step()
        {
            int createWeight = _model.Count < 300 ? 16 : 4;
            int roll = random.Next(createWeight + 100);
            if (roll < createWeight)
            {
                Create();
                return;
            }

            roll -= createWeight;
            switch (roll)
            {
                case < 12: Destroy(); break;
                case < 28: Add(); break;
                case < 40: Remove(); break;
                case < 52: Set(); break;
                case < 64: Get(); break;
                case < 72: Has(); break;
                case < 80: TryGet(); break;
                case < 86: ComponentTypes(); break;
                case < 88: CreateMany(); break;
                case < 91: Batch(); break;
                case 91 when random.Next(10) == 0: Clear(); break;
                case 92 when random.Next(3) == 0: Trim(); break;
                case 93 when random.Next(3) == 0: DestroyByQuery(); break;
                default: Get(); break;
            }
        }

        /// <summary>A handle to use: mostly live, sometimes stale, sometimes never handed out.</summary>
        /// <param name="farFuture">Made-up handles of live ids get versions no recycle can reach
        /// soon: a batch that destroys and creates could otherwise hand out the next version.</param>
        private Entity PickHandle(bool farFuture = false)
        {
            int roll = random.Next(100);
            if (roll < 78 && _model.Count > 0)
            {
                return _model.Live[random.Next(_model.Count)];
            }

            if (roll < 95 && _model.Stale.Count > 0)
            {
                return _model.Stale[random.Next(_model.Stale.Count)];
            }

            if (_model.Count > 0 && random.Next(2) == 0)
            {
                var live = _model.Live[random.Next(_model.Count)];
                return new Entity(live.Id, live.Version + (farFuture ? 1000 : 1) + random.Next(3));
            }

            return random.Next(3) switch
            {
                0 => Entity.Null,
                1 => new Entity(int.MaxValue - random.Next(10), 1),
                _ => new Entity(random.Next(5000), -1),
            };
        }

        private ComponentKind PickKind() => s_kinds[random.Next(s_kinds.Length)];

        /// <summary>Usually a kind the entity has (or lacks, for an add); sometimes any kind.</summary>
        private ComponentKind PickKindFor(Entity entity, bool wantPresent)
        {
            var model = _model.Find(entity);
            if (model is not null && random.Next(10) != 0)
            {
                var fitting = s_kinds.Where(k => model.Components.ContainsKey(k.Type) == wantPresent).ToArray();
                if (fitting.Length > 0)
                {
                    return fitting[random.Next(fitting.Length)];
                }
            }

            return PickKind();
        }

        private List<ComponentKind> PickSubset()
        {
            var subset = s_kinds.Where(_ => random.Next(5) < 2).ToList();
            for (int i = subset.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (subset[i], subset[j]) = (subset[j], subset[i]);
            }

            return subset;
        }

        /// <summary>Runs <paramref name="action"/> and checks it threw exactly the expected ECS exception.</summary>
        private void Expect(Type? expected, Action action, string what)
        {
            Type? actual = null;
            try
            {
                action();
            }
            catch (Exception ex) when (ex is EntityNotAliveException or MissingComponentException or DuplicateComponentException or StructuralChangeException)
            {
                actual = ex.GetType();
            }

            if (actual != expected)
            {
                Assert.That(actual, Is.EqualTo(expected), Where(what));
            }
        }

        private void Register(Entity entity, ModelEntity model)
        {
            if (_model.IsKnown(entity))
            {
                Assert.Fail(Where($"{entity} was handed out again"));
            }

            _model.Register(entity, model);
        }

        private void Create()
        {
            var model = new ModelEntity();
            Entity entity;
            if (random.Next(3) == 0)
            {
                var (types, create) = s_genericCreates[random.Next(s_genericCreates.Length)];
                var values = types.Select(t => s_kindByType[t].NewValue(random)).ToArray();
                entity = create(world, values);
                for (int i = 0; i < types.Length; i++)
                {
                    model.Components[types[i]] = values[i];
                }

                Register(entity, model);
                return;
            }

            var subset = PickSubset();
            entity = subset.Count == 0 && random.Next(2) == 0
                ? world.Create()
                : world.Create(subset.Select(k => k.ComponentType).ToArray());
            foreach (var kind in subset)
            {
                model.Components[kind.Type] = kind.Default;
            }

            Register(entity, model);
            CompareEntity(entity, model, "created with defaults");
            foreach (var kind in subset.Where(_ => random.Next(3) != 0))
            {
                var value = kind.NewValue(random);
                kind.Set(world, entity, value);
                model.Components[kind.Type] = value;
            }
        }

        private void CreateMany()
        {
            var entities = new Entity[random.Next(1, 30)];
            if (random.Next(2) == 0)
            {
                var (types, createMany) = s_genericCreateManys[random.Next(s_genericCreateManys.Length)];
                var values = types.Select(t => s_kindByType[t].NewValue(random)).ToArray();
                createMany(world, entities, values);
                foreach (var entity in entities)
                {
                    var model = new ModelEntity();
                    for (int i = 0; i < types.Length; i++)
                    {
                        model.Components[types[i]] = values[i];
                    }

                    Register(entity, model);
                }

                return;
            }

            var subset = PickSubset();
            world.CreateMany(entities, subset.Select(k => k.ComponentType).ToArray());
            foreach (var entity in entities)
            {
                var model = new ModelEntity();
                foreach (var kind in subset)
                {
                    model.Components[kind.Type] = kind.Default;
                }

                Register(entity, model);
            }
        }

        private void Destroy()
        {
            var entity = PickHandle();
            var model = _model.Find(entity);
            Expect(model is null ? typeof(EntityNotAliveException) : null, () => world.Destroy(entity), $"Destroy({entity})");
            if (model is not null)
            {
                _model.Kill(entity);
            }
        }

        private void Add()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            Type? expected = model is null ? typeof(EntityNotAliveException)
                : model.Components.ContainsKey(kind.Type) ? typeof(DuplicateComponentException)
                : null;
            object value;
            switch (random.Next(3))
            {
                case 0:
                    value = kind.NewValue(random);
                    Expect(expected, () => kind.Add(world, entity, value), $"Add<{kind}>({entity})");
                    break;
                case 1:
                    value = kind.Default;
                    Expect(expected, () => kind.AddDefault(world, entity), $"Add<{kind}>({entity}) default");
                    break;
                default:
                    value = kind.Default;
                    Expect(expected, () => world.Add(entity, kind.ComponentType), $"Add({entity}, {kind})");
                    break;
            }

            if (expected is null)
            {
                model!.Components[kind.Type] = value;
                CompareEntity(entity, model, "after add");
            }
        }

        private void Remove()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            Type? expected = model is null ? typeof(EntityNotAliveException)
                : !model.Components.ContainsKey(kind.Type) ? typeof(MissingComponentException)
                : null;
            if (random.Next(2) == 0)
            {
                Expect(expected, () => kind.Remove(world, entity), $"Remove<{kind}>({entity})");
            }
            else
            {
                Expect(expected, () => world.Remove(entity, kind.ComponentType), $"Remove({entity}, {kind})");
            }

            if (expected is null)
            {
                model!.Components.Remove(kind.Type);
                CompareEntity(entity, model, "after remove");
            }
        }

        private void Set()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            Type? expected = model is null ? typeof(EntityNotAliveException)
                : !model.Components.ContainsKey(kind.Type) ? typeof(MissingComponentException)
                : null;
            var value = kind.NewValue(random);
            Expect(expected, () => kind.Set(world, entity, value), $"Set<{kind}>({entity})");
            if (expected is null)
            {
                model!.Components[kind.Type] = value;
            }
        }

        private void Get()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            Type? expected = model is null ? typeof(EntityNotAliveException)
                : !model.Components.ContainsKey(kind.Type) ? typeof(MissingComponentException)
                : null;
            object? actual = null;
            Expect(expected, () => actual = kind.Get(world, entity), $"Get<{kind}>({entity})");
            if (expected is null && !Equals(actual, model!.Components[kind.Type]))
            {
                Assert.That(actual, Is.EqualTo(model.Components[kind.Type]), Where($"Get<{kind}>({entity})"));
            }
        }

        private void Has()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            bool actual = false;
            Expect(model is null ? typeof(EntityNotAliveException) : null, () => actual = random.Next(2) == 0 ? kind.Has(world, entity) : world.Has(entity, kind.ComponentType), $"Has<{kind}>({entity})");
            if (model is not null && actual != model.Components.ContainsKey(kind.Type))
            {
                Assert.That(actual, Is.EqualTo(model.Components.ContainsKey(kind.Type)), Where($"Has<{kind}>({entity})"));
            }

            if (world.IsAlive(entity) != (model is not null))
            {
                Assert.That(world.IsAlive(entity), Is.EqualTo(model is not null), Where($"IsAlive({entity})"));
            }
        }

        private void TryGet()
        {
            var entity = PickHandle();
            var kind = PickKind();
            var model = _model.Find(entity);
            bool found = false;
            object? actual = null;
            Expect(model is null ? typeof(EntityNotAliveException) : null, () => found = kind.TryGet(world, entity, out actual), $"TryGet<{kind}>({entity})");
            if (model is not null)
            {
                bool has = model.Components.TryGetValue(kind.Type, out var expected);
                Assert.That((found, actual), Is.EqualTo((has, has ? expected : kind.Default)), Where($"TryGet<{kind}>({entity})"));
            }
        }

        private void ComponentTypes()
        {
            var entity = PickHandle();
            var model = _model.Find(entity);
            Type[] actual = [];
            Expect(model is null ? typeof(EntityNotAliveException) : null, () => actual = world.GetComponentTypes(entity).ToArray().Select(t => t.Type).ToArray(), $"GetComponentTypes({entity})");
            if (model is not null)
            {
                Assert.That(actual, Is.EquivalentTo(model.Components.Keys), Where($"GetComponentTypes({entity})"));
            }
        }

        private void Clear()
        {
            world.Clear();
            _model.KillAll();
            CompareEverything();
        }

        private void Trim()
        {
            world.TrimExcess();
            CompareEverything();
        }

        private void DestroyByQuery()
        {
            var (name, description, selects) = s_queries[1 + random.Next(s_queries.Length - 1)];
            world.Destroy(in description);
            foreach (var entity in _model.Live.ToArray())
            {
                if (selects(_model.Find(entity)!.Components.Keys))
                {
                    _model.Kill(entity);
                }
            }

            CompareEverything();
            Assert.That(world.CountEntities(in description), Is.Zero, Where($"destroy {name}"));
        }

        /// <summary>Records a few random commands, plays them back, and checks the failure (if
        /// any) and the effects against the model replaying the same commands.</summary>
        private void Batch()
        {
            if (_oldPlaceholders.Count > 0 && random.Next(4) == 0)
            {
                var old = _oldPlaceholders[random.Next(_oldPlaceholders.Count)];
                int before = _buffer.Count;
                Expect(typeof(EntityNotAliveException), () => PickKind().BufferAddDefault(_buffer, old), $"buffer use of old placeholder {old}");
                Assert.That(_buffer.Count, Is.EqualTo(before), Where("a rejected command was recorded"));
            }

            var commands = new List<Action<Func<Entity, ModelEntity?>, Dictionary<Entity, ModelEntity>>>();
            var placeholders = new List<Entity>();
            int count = random.Next(1, 9);
            for (int c = 0; c < count; c++)
            {
                int kindOfCommand = random.Next(placeholders.Count < 3 ? 6 : 5);
                var target = placeholders.Count > 0 && random.Next(3) == 0 ? placeholders[random.Next(placeholders.Count)] : PickHandle(farFuture: true);

                // Mostly commands that will succeed (as far as the state before the batch tells),
                // so that batches get long enough to fail late, or not at all.
                var kind = PickKindFor(target, wantPresent: kindOfCommand is 2 or 3 or 4);
                switch (kindOfCommand)
                {
                    case 0:
                        _buffer.Destroy(target);
                        commands.Add((resolve, _) =>
                        {
                            var m = resolve(target) ?? throw new EntityNotAliveException();
                            m.Alive = false;
                        });
                        break;
                    case 1:
                    {
                        var value = kind.NewValue(random);
                        bool withValue = random.Next(2) == 0;
                        if (withValue)
                        {
                            kind.BufferAdd(_buffer, target, value);
                        }
                        else if (random.Next(2) == 0)
                        {
                            kind.BufferAddDefault(_buffer, target);
                        }
                        else
                        {
                            _buffer.Add(target, kind.ComponentType);
                        }

                        commands.Add((resolve, _) =>
                        {
                            var m = resolve(target) ?? throw new EntityNotAliveException();
                            if (!m.Components.TryAdd(kind.Type, withValue ? value : kind.Default))
                            {
                                throw new DuplicateComponentException();
                            }
                        });
                        break;
                    }

                    case 2:
                        if (random.Next(2) == 0)
                        {
                            kind.BufferRemove(_buffer, target);
                        }
                        else
                        {
                            _buffer.Remove(target, kind.ComponentType);
                        }

                        commands.Add((resolve, _) =>
                        {
                            var m = resolve(target) ?? throw new EntityNotAliveException();
                            if (!m.Components.Remove(kind.Type))
                            {
                                throw new MissingComponentException();
                            }
                        });
                        break;
                    case 3:
                    case 4:
                    {
                        var value = kind.NewValue(random);
                        kind.BufferSet(_buffer, target, value);
                        commands.Add((resolve, _) =>
                        {
                            var m = resolve(target) ?? throw new EntityNotAliveException();
                            if (!m.Components.ContainsKey(kind.Type))
                            {
                                throw new MissingComponentException();
                            }

                            m.Components[kind.Type] = value;
                        });
                        break;
                    }

                    default:
                    {
                        var subset = PickSubset();
                        var types = subset.Select(k => k.ComponentType).Append(s_tracer.ComponentType).ToArray();
                        var placeholder = _buffer.Create(types);
                        int marker = _nextMarker++;
                        _buffer.Set(placeholder, new Tracer(marker));
                        placeholders.Add(placeholder);
                        commands.Add((_, pending) =>
                        {
                            var m = new ModelEntity();
                            foreach (var k in subset)
                            {
                                m.Components[k.Type] = k.Default;
                            }

                            m.Components[typeof(Tracer)] = new Tracer(marker);
                            pending[placeholder] = m;
                        });
                        break;
                    }
                }
            }

            Assert.That(_buffer.Count, Is.EqualTo(count + placeholders.Count), Where("recorded commands"));

            // The model's replay: stop at the first failure, as playback does.
            var pending = new Dictionary<Entity, ModelEntity>();
            ModelEntity? Resolve(Entity e) => e.Id < 0 ? (pending.TryGetValue(e, out var m) && m.Alive ? m : null) : _model.Find(e);
            Type? expected = null;
            foreach (var command in commands)
            {
                try
                {
                    command(Resolve, pending);
                }
                catch (Exception ex) when (ex is EntityNotAliveException or MissingComponentException or DuplicateComponentException)
                {
                    expected = ex.GetType();
                    break;
                }
            }

            Expect(expected, () => _buffer.Playback(world), "playback");
            Assert.That(_buffer.Count, Is.Zero, Where("buffer emptied by playback"));
            _oldPlaceholders.AddRange(placeholders);

            // Real entities the replay killed die in the model too.
            foreach (var entity in _model.Live.ToArray())
            {
                if (_model.Find(entity) is null)
                {
                    _model.Kill(entity);
                }
            }

            // Entities the buffer created are found by their tracer values.
            var byMarker = pending.Values.Where(m => m.Alive).ToDictionary(m => ((Tracer)m.Components[typeof(Tracer)]).Value);
            int found = 0;
            foreach (var entity in TestWorlds.Entities(world, new QueryDescription().WithAll<Tracer>()))
            {
                if (_model.IsKnown(entity))
                {
                    continue;
                }

                int marker = world.Get<Tracer>(entity).Value;
                Assert.That(byMarker.ContainsKey(marker), Is.True, Where($"{entity} with tracer {marker} was not created by this batch"));
                Register(entity, byMarker[marker]);
                found++;
            }

            Assert.That(found, Is.EqualTo(byMarker.Count), Where("entities created by the buffer"));
            CompareEverything();
        }

        private void CompareEntity(Entity entity, ModelEntity model, string what)
        {
            var types = world.GetComponentTypes(entity).ToArray().Select(t => t.Type).ToArray();
            if (types.Length != model.Components.Count || !types.All(model.Components.ContainsKey))
            {
                Assert.That(types, Is.EquivalentTo(model.Components.Keys), Where($"{what}: component types of {entity}"));
            }

            foreach (var (type, expected) in model.Components)
            {
                var actual = s_kindByType[type].Get(world, entity);
                if (!Equals(actual, expected))
                {
                    Assert.That(actual, Is.EqualTo(expected), Where($"{what}: {type.Name} of {entity}"));
                }
            }
        }

        private void CompareEverything()
        {
            Assert.That(world.Count, Is.EqualTo(_model.Count), Where("count"));
            foreach (var (entity, model) in _model.Handles)
            {
                if (world.IsAlive(entity) != model.Alive)
                {
                    Assert.That(world.IsAlive(entity), Is.EqualTo(model.Alive), Where($"IsAlive({entity})"));
                }
            }

            foreach (var entity in _model.Live)
            {
                CompareEntity(entity, _model.Find(entity)!, "full check");
            }

            foreach (var (name, description, selects) in s_queries)
            {
                var expected = _model.Live.Where(e => selects(_model.Find(e)!.Components.Keys)).ToHashSet();
                var actual = TestWorlds.Entities(world, in description);
                if (actual.Length != expected.Count || !actual.All(expected.Contains))
                {
                    Assert.That(actual, Is.EquivalentTo(expected), Where($"query {name}"));
                }
            }
        }
    }
}
