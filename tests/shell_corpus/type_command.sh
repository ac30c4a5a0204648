type cd
type echo
command -v cd
myfn() { :; }
type myfn | head -c 13; echo
command -v nosuchcmd || echo "not found $?"
nosuchcmd 2>/dev/null; echo "rc=$?"
