printf 'hello world\nfoo bar\nhello again\n' > t
sed 's/hello/HI/' t
sed -n '/foo/p' t
sed '2d' t
sed 's/o/0/g; s/l/L/2' t
sed -e 's/^/> /' -e '$a\
end' t
sed -n '1,2p' t
sed 's/\(hello\) \(.*\)/\2 \1/' t
sed -E 's/(o+)/[\1]/g' t
sed '/foo/!d' t
