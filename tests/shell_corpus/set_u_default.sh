set -u
echo "${MISSING:-default}"
: "${ALSO:=x}"; echo $ALSO
( echo $MISSING ) 2>/dev/null || echo "subshell failed $?"
echo after
