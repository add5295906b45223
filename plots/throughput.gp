# throughput.gp - (2) end-to-end throughput per group of runs: median, with min and max as
# error bars.
# data columns: label, median, min, max
load dir."/common.gp"
set title "End-to-end throughput (barrier release to the receiver's last byte)"
set ylabel "GiB/s (2^30 bytes/s), median with min-max"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set xtics rotate by -25
set yrange [0:*]
set key off
plotcmd = "plot data using 2:3:4:xtic(1) title 'median'"
load dir."/render.gp"
