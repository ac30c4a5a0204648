true && echo a
false && echo b
false || echo c
true || echo d
false || false || echo e
true && false || echo f
! true; echo $?
! false && echo g
[ 1 -eq 1 ] && [ 2 -gt 1 ] && echo h
