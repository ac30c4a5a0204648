cmd='echo evaluated'
eval "$cmd"
var=name; eval "$var=value"; echo $name
eval 'for i in 1 2; do echo e$i; done'
x='$HOME_NOT_SET'; eval "echo \"[$x]\""
