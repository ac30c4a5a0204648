echo one &
wait
true & wait; echo done
{ echo grouped; } &
wait
