#!bin/no-such-interpreter
The interpreter does not exist: execve fails with ENOENT.
