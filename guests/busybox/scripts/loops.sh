# Loops, arithmetic, functions, case and parameter expansion: builtins only, no child process.
i=0
sum=0
while [ $i -lt 100 ]; do
  i=$((i + 1))
  sum=$((sum + i))
done
echo "sum 1..100 = $sum"

n=0
until [ $n -ge 5 ]; do n=$((n + 2)); done
echo "until stopped at $n"

fib() {
  a=0 b=1 k=0
  while [ $k -lt "$1" ]; do
    t=$((a + b)); a=$b; b=$t; k=$((k + 1))
  done
  result=$a
}
fib 30
echo "fib(30) = $result"

primes=""
for p in 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
  d=2 prime=yes
  while [ $((d * d)) -le $p ]; do
    if [ $((p % d)) -eq 0 ]; then prime=no; break; fi
    d=$((d + 1))
  done
  [ $prime = yes ] && primes="$primes $p"
done
echo "primes:$primes"

for outer in 1 2 3; do
  for inner in a b c d; do
    [ $inner = b ] && continue
    [ $inner = d ] && break
    printf '%s%s ' $outer $inner
  done
done
echo

echo "hex ff = $((0xff)), octal 17 = $((017)), shifts $((1 << 10)) $((1024 >> 3))"
echo "negatives $((-7 / 2)) $((-7 % 2)), compare $((3 > 2)) $((2 >= 3)), ternary $((5 > 3 ? 10 : 20))"
x=5; x=$((x * x)); : $((x += 3)); echo "x = $x"

word=abracadabra
echo "length ${#word}, strip ${word#abra} ${word##*a} ${word%abra} ${word%%a*}x"
echo "default ${unset_var:-fallback}, assign ${assigned:=set} $assigned, alternate ${word:+yes}"

for item in apple 42 -x "two words" ""; do
  case $item in
    [0-9]*) kind=number ;;
    -*) kind=option ;;
    *" "*) kind=phrase ;;
    "") kind=empty ;;
    *) kind=word ;;
  esac
  echo "'$item' is a $kind"
done

set -- one two three
echo "$# arguments, second $2, all $*"
shift
echo "after shift: $# arguments, first $1"

count_args() { echo "$1: $(($# - 1))"; }
count_args quoted "$@"
count_args unquoted $*
exit 3
