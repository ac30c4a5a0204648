basename /usr/local/bin/tool
basename /path/to/file.txt .txt
basename dir/
dirname /usr/local/bin/tool
dirname file
dirname /
seq 3
seq 2 5
seq 10 -3 1
seq -s, 1 4
seq -w 8 10
