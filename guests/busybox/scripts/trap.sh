# trap: an EXIT trap that runs at the end and keeps the exit status, a trap on a signal the
# shell sends itself, a trap reset to default, ignored signals, and traps inside subshells.
trap 'echo "EXIT trap ran, status $?"' EXIT
trap 'echo "caught USR1"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "caught TERM"' TERM
kill -TERM $$
echo "after TERM"
trap - TERM
trap '' USR2
kill -USR2 $$
echo "USR2 ignored"
(trap 'echo "subshell EXIT trap"' EXIT; echo "in subshell"; exit 3)
echo "subshell exited $?"
sh -c 'trap "echo child trap on HUP; exit 11" HUP; kill -HUP $$; echo not reached'
echo "child with HUP trap -> $?"
trap
exit 5
