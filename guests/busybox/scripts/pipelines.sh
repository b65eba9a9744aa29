# Pipelines: many bytes through a pipe, long pipelines of applets, a reader that quits early
# (SIGPIPE for the writer), and the exit status of a pipeline (its last command's).
seq 1 100000 | cat | wc -l
seq 1 50000 | awk '{ s += $1 } END { print "sum", s }'
seq 1 2000 | cat | cat | cat | tail -n 2

echo "most frequent words:"
tr -s ' ' '\n' < data/words.txt | tr 'A-Z' 'a-z' | sort | uniq -c | sort -k1,1nr -k2,2 | head -n 5

echo "fruit by total value:"
grep -v '^name,' data/fruit.csv | awk -F, '{ printf "%s %.2f\n", $1, $3 * $4 }' | sort -k2,2nr | sed 's/^/  /'

echo "kinds:"
cut -d, -f2 data/fruit.csv | grep -v kind | sort | uniq | tr '\n' ' ' | sed 's/ $/\n/'

grep -c fox data/words.txt
sed -n '2,3p' data/words.txt | rev
cat data/words.txt | grep lazy | wc -w

yes | head -n 3
yes abc | sed 5q | tr a-z A-Z

false | true
echo "false | true -> $?"
true | false
echo "true | false -> $?"
seq 1 5 | (read first; echo "read took $first"; cat | wc -l)
