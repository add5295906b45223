# throughput.gp - (2) end-to-end throughput per group of runs: the median, with the median's
# distribution-free 95% interval as error bars (min to max for a group too small for one).
# data columns: label, median, interval low, interval high
load dir."/common.gp"
set title "End-to-end throughput (barrier release to the receiver's last byte)"
set ylabel "GiB/s (2^30 bytes/s)"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set xtics rotate by 30 right
set lmargin 18
set key below
set yrange [0:*]

plotcmd = "plot data using 2:3:4:xtic(1) title 'median, bars its interval (95% with 6 or more runs)'"
load dir."/render.gp"
