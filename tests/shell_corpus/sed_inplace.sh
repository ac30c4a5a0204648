printf 'a=1\nb=2\nc=3\n' > conf
sed -i 's/^b=.*/b=20/' conf
cat conf
sed -i '/^c=/d' conf
cat conf
sed -i -e '1i # header' conf
cat conf
printf 'x\ny\n' | sed = 
printf '1\n2\n3\n4\n' | sed -n '$p'
printf 'a\nb\nc\n' | sed 'N;s/\n/+/'
printf 'aaa\n' | sed 's/a/b/2'
printf 'path/to/file\n' | sed 's|/|_|g'
