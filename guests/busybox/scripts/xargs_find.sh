# xargs and find: argument batching, -I replacement, find with -name/-type and -exec (both
# "\;" and "+"); output sorted where it depends on directory order.
seq 1 20 | xargs -n 3 echo
seq 1 7 | xargs echo all:
printf 'a\nb\nc\n' | xargs -I{} echo "item {} done"
echo "one two three four five" | xargs -n 2
printf 'x y\n' | xargs -t echo 2>&1
echo "--- find -name"
find data/tree -name '*.txt' | sort
echo "--- find -type d"
find data -type d | sort
echo "--- find -exec cat {} \\;"
find . -name '*.txt' -path '*tree*' -exec cat {} \; | sort
echo "--- find -exec +"
find data/tree -name '*.txt' -exec wc -l {} + | sort
echo "--- find | xargs"
find data/tree -type f -name '*.txt' | sort | xargs cat
echo "--- find ! -name"
find data/tree -type f ! -name '*.txt'
find data -name nothing-matches
echo "find status $?"
echo "--- xargs exit status"
echo 1 | xargs false
echo "xargs false -> $?"
