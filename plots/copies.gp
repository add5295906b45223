# copies.gp - (6) measured CPU seconds per GiB against the theoretical number of CPU copies per
# byte, one labelled point per method and setting: does the cost follow the copies?  The common
# setting (each method at its best chunk, reproduce's tuned phase) and the study's (4 KiB; splice
# asking for all that is left) are two series, never mixed.
# data columns: method, theoretical_cpu_copies, cpu_s_per_gib_common_setting,
#               cpu_s_per_gib_study_setting (NaN where a method has none)
load dir."/common.gp"
set title "Measured CPU cost against theoretical CPU copies"
set xlabel "theoretical CPU copies of each byte (sender + receiver)"
set ylabel "measured CPU seconds per GiB (both sides, user + system, median)"
set xrange [-0.5:4.5]
set xtics 1
set yrange [0:*]
# the key below the plot: inside it, it sat over the points it names
set key below horizontal
set bmargin 6
plotcmd = "plot data using 2:3 with points pt 7 ps 1.6 title 'each method at its tuned chunk (else its first setting)', '' using 2:3:1 with labels left offset 0.8,0.4 notitle, '' using 2:4 with points pt 6 ps 1.6 title \"the study's setting\", '' using 2:4:1 with labels right offset -0.8,-0.4 notitle"
load dir."/render.gp"
