# copies.gp - (6) measured CPU seconds per GiB against the theoretical number of CPU copies per
# byte, one labelled point per method: does the cost follow the copies?
# data columns: method, theoretical_cpu_copies, measured_cpu_s_per_gib
load dir."/common.gp"
set title "Measured CPU cost against theoretical CPU copies"
set xlabel "theoretical CPU copies of each byte (sender + receiver)"
set ylabel "measured CPU seconds per GiB (both sides, user + system, median)"
set xrange [-0.5:4.5]
set xtics 1
set yrange [0:*]
set key off
plotcmd = "plot data using 2:3 with points pt 7 ps 1.6, '' using 2:3:1 with labels left offset 0.8,0.4"
load dir."/render.gp"
