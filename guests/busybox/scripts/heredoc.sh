# Here-documents: <<EOF with parameter, arithmetic and command expansion; <<'EOF' and <<"EOF"
# kept literal; <<-EOF stripping leading tabs; a here-document feeding a loop, a pipeline and
# read; one larger than a pipe's buffer.
name=world
count=3
cat <<EOF
Hello, $name!
count + 1 = $((count + 1))
upper: $(echo $name | tr a-z A-Z)
escaped: \$name and \`backticks\`
EOF
cat <<'EOF'
Literal: $name $((count + 1)) $(echo no) `echo no`
EOF
cat <<"EOF"
Also literal: $name
EOF
	cat <<-EOF
	tab-indented line for $name
			every leading tab is stripped
	EOF
while read -r word num; do
  echo "$word has $((num * 10))"
done <<EOF
alpha 1
beta 2
gamma 3
EOF
sort -r <<EOF | head -n 2
pear
apple
zucchini
mango
EOF
wc -l <<EOF
$(seq 1 12)
EOF
big=$(seq 1 30000 | tr '\n' ' ')
cat <<EOF | wc -c
$big
EOF
read -r first rest <<EOF
first-word the rest of it
EOF
echo "[$first] [$rest]"
