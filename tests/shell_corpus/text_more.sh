printf 'b 2\na 10\nc 1\n' | sort -k2,2n
printf 'b 2\na 10\nc 1\n' | sort -k2 -n -r
printf 'x,3,z\ny,1,w\n' | sort -t, -k2
printf 'a\tb\tc\n' | cut -f2
printf 'no-tab\na\tb\n' | cut -f1 -s
echo 'Hello World' | tr '[:upper:]' '[:lower:]'
echo 'Hello World' | tr '[:lower:]' '[:upper:]'
printf '1\n2\n3\n4\n5\n' | tail -n 3 | head -n 1
printf 'abcdef' | head -c 3; echo
printf 'abcdef' | tail -c 2; echo
printf 'a\n\nb\n' | cat -n
printf 'x\nx\ny\nx\n' | uniq
printf 'x\nx\ny\nx\n' | uniq -u
date -d @0 +%Y-%m-%d
date -d @86400 '+%a %b %e %H:%M:%S'
