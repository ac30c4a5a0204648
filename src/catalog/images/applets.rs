//! The busybox applets each image links, by directory.

/// Alpine's busybox applets in `/bin`.
pub(crate) const ALPINE_BIN: &str = "arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg \
dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice \
iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount \
mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts \
sed setpriv setserial sleep stat stty su sync tar touch true umount uname usleep watch zcat";

/// Alpine's busybox applets in `/sbin`.
pub(crate) const ALPINE_SBIN: &str = "acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim \
getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule \
iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin \
pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd \
tunctl udhcpc vconfig watchdog";

/// Alpine's busybox applets in `/usr/bin`.
pub(crate) const ALPINE_USR_BIN: &str = "[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum \
clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor \
fallocate find flock fold free fuser groups hd head hexdump hostid iconv id install ipcrm ipcs killall last less \
logger lsof lsusb lzcat lzma lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter \
nslookup od openvt paste pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq \
setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee \
test time timeout top tr traceroute traceroute6 tree truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink \
unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami whois xargs \
xxd xzcat yes";

/// Alpine's busybox applets in `/usr/sbin`.
pub(crate) const ALPINE_USR_SBIN: &str = "addgroup add-shell adduser arping brctl chpasswd chroot crond delgroup \
deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead \
remove-shell rfkill sendmail setfont setlogcons";

/// Applets the busybox image links in `/bin` besides Alpine's (it puts everything there).
pub(crate) const BUSYBOX_EXTRA: &str = "ar ascii bootchartd chpst chrt conspy crc32 devmem dhcprelay dnsd \
dpkg dpkg-deb dumpleases ed envdir envuidgid fakeidentd fdformat flashcp fsck.minix fsfreeze ftpd ftpget ftpput \
getfattr hdparm httpd hush i2cdetect ifplugd inetd ipneigh linuxrc logname lpd lpq lpr lsscsi man mim \
mkfs.minix mt nuke passwd patch popmaildir powertop readprofile resume rpm rpm2cpio rtcwake runlevel runsv \
runsvdir rx script scriptreplay sendmail setarch setfattr setuidgid sh softlimit start-stop-daemon sv svc \
svlogd svok tcpsvd telnet telnetd tftp tftpd ts tc ubiattach udpsvd uevent users w wall";

/// Every applet name of a list.
pub(crate) fn names(list: &str) -> impl Iterator<Item = &str> {
    list.split_whitespace()
}
