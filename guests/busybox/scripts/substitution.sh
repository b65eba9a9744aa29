# Command substitution with $(...) and backticks: nested, with pipelines inside, with trailing
# newlines stripped, and its exit status.
now=$(echo hello)
old=`echo world`
echo "$now $old"
echo "nested: $(echo outer $(echo inner $(echo core)))"
echo "backtick nested: `echo a \`echo b\``"
lines=$(seq 1 5 | tr '\n' ' ')
echo "seq: [$lines]"
count=$(grep -c o data/words.txt)
echo "lines with o: $count, doubled $((count * 2))"
trail=$(printf 'text\n\n\n')
echo "trailing newlines stripped: [$trail]"
inner=$(printf 'a\nb\nc')
echo "kept inner newlines: $(echo "$inner" | wc -l)"
x=$(exit 3)
echo "status of x=\$(exit 3): $?"
y=$(false; true)
echo "status of y=\$(false; true): $?"
total=0
for n in $(seq 10 10 50); do total=$((total + n)); done
echo "total $total"
first=$(head -n 1 data/fruit.csv | cut -d, -f1)
echo "first column: $first"
words=$(cat data/words.txt | wc -w)
echo "words: $((words + 0))"
echo "arith in sub: $(echo $((2 + 3)))"
quoted="$(echo '  spaced   out  ')"
echo "[$quoted]"
echo [$(echo '  spaced   out  ')]
