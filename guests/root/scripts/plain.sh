#!bin/execchild
A "#!" line naming only the interpreter, relative to the working directory.
