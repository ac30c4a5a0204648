echo first > out.txt
echo second >> out.txt
cat out.txt
wc -l < out.txt
echo err 1>&2 2>/dev/null
{ echo to-stderr >&2; } 2>/dev/null
ls missing-file 2>/dev/null || echo "ls failed"
ls missing-file 2>&1 | grep -c missing
echo x > /dev/null; echo "null ok"
cat < /dev/null; echo "empty in"
exec 3>&1; echo via3 >&3
