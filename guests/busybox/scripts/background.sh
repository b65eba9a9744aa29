# Background jobs with & and wait: jobs writing to their own files (printed in a fixed order
# afterwards), wait for one job's status, and kill of a background sleep (wait reports 143, or
# 137 for SIGKILL). Not SIGINT: a background job ignores it, but only once the child has set that
# up, so whether the kill lands first is a race.
mkdir -p out
for job in 1 2 3; do
  (
    i=0
    while [ $i -lt $((job * 200)) ]; do i=$((i + 1)); done
    echo "job $job counted to $i" > out/job$job.txt
  ) &
done
wait
cat out/job1.txt out/job2.txt out/job3.txt

seq 1 1000 > out/seq.txt &
sort -r data/words.txt > out/sorted.txt &
wait
wc -l < out/seq.txt
head -n 1 out/sorted.txt

(exit 5) &
pid=$!
wait $pid
echo "wait for (exit 5): $?"

sh -c 'exit 9' &
wait $!
echo "wait for sh -c 'exit 9': $?"

sleep 30 &
pid=$!
kill $pid
wait $pid
echo "wait for killed sleep: $?"

sleep 30 &
pid=$!
kill -9 $pid
wait $pid
echo "wait for sleep killed with -9: $?"

{ sleep 0; echo "group in background"; } > out/group.txt &
wait
cat out/group.txt
