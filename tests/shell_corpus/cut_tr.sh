echo 'root:x:0:0:root:/root:/bin/sh' | cut -d: -f1,7
echo 'root:x:0:0:root:/root:/bin/sh' | cut -d: -f3-
echo 'hello world' | cut -c1-5
echo 'abcdef' | cut -c2,4
echo 'Hello World' | tr 'a-z' 'A-Z'
echo 'Hello World' | tr -d 'lo'
echo 'aaabbbccc' | tr -s 'ab'
echo 'a b  c' | tr ' ' '\n'
echo 'hello' | tr 'el' 'ip'
echo 'abc123' | tr -cd '0-9'; echo
echo 'tab	sep' | tr '\t' ','
