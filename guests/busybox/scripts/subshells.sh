# Subshells ( ... ): variables, cd and traps stay inside; exit statuses; redirections of a
# whole subshell; nesting; { ...; } groups for contrast.
x=outer
(x=inner; echo "in subshell x=$x")
echo "after subshell x=$x"
{ x=grouped; }
echo "after group x=$x"

(cd data/tree && ls)
ls data | head -n 1

(exit 4)
echo "(exit 4) -> $?"
( (exit 6) )
echo "( (exit 6) ) -> $?"
(false || exit 8)
echo "(false || exit 8) -> $?"
(set -e; false; echo "not reached")
echo "(set -e; false) -> $?"

mkdir -p out
(echo a; echo b; echo c) > out/abc.txt
wc -l < out/abc.txt
(echo to-stderr >&2; echo to-stdout) 2>/dev/null
(
  echo "deep 1"
  (
    echo "deep 2"
    ( echo "deep 3"; exit 2 )
    echo "deep 3 exited $?"
  )
)
v=$( (echo sub1; echo sub2) | tr '\n' '+')
echo "captured $v"
(trap 'echo "subshell EXIT trap"' EXIT; echo "in trapping subshell")
echo "after trapping subshell"
