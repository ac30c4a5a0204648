set -e
false | true
echo "pipe ok"
if ! false; then echo negated; fi
f() { return 1; }
f || echo "handled"
set +e
false
echo "continued $?"
set -o pipefail
false | true
echo "pipefail $?"
