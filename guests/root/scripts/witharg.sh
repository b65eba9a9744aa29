#! bin/execchild --from-script  two words 
The kernel hands this file to bin/execchild: the rest of the first line after the
interpreter becomes one argument (surrounding blanks dropped), then the script path.
