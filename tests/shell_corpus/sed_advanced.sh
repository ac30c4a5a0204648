printf 'a1\nb2\nc3\nd4\n' > s
sed -n 's/[0-9]/#/p' s
sed '1!G;h;$!d' s
sed -n '2{p;p}' s
sed 's/\([a-z]\)\([0-9]\)/\2\1/' s
sed 'y/abcd/ABCD/' s
sed '/b2/,$d' s
sed -n '/a1/,/c3/{/b2/!p}' s
sed 's/.*/[&]/' s
sed 's/1/\&one/' s
printf 'one two  three\n' | sed 's/  */ /g'
printf 'key = value\n' | sed 's/^\([^=]*\) = \(.*\)$/\2=\1/'
printf 'CamelCase\n' | sed 's/[A-Z]/_&/g'
