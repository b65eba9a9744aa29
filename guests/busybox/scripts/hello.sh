# The simplest script: shell builtins only, no child process.
echo hello
echo $((6*7))
