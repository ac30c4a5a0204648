name=World
cat <<EOF2
Hello $name
Sum: $((2+3))
Cmd: $(echo sub)
Literal \$name
EOF2
cat <<'EOF2'
No $expansion here
EOF2
cat <<-EOF2
	tabs stripped
	EOF2
while read a b; do echo "$b,$a"; done <<EOF2
1 one
2 two
EOF2
