# cpu_per_gib.gp - (5) user and system CPU seconds per GiB moved, stacked, per group and side.
# data columns: label, user_s_per_gib, sys_s_per_gib (medians)
load dir."/common.gp"
set title "Where the CPU goes: user vs system seconds per GiB moved"
set ylabel "CPU seconds per GiB (median)"
set style data histogram
set style histogram rowstacked
set boxwidth 0.7
# one bar per side of every group: vertical labels, and the room they need
set xtics rotate by 90 right
set key top right
set offsets 0, 0, graph 0.12, 0
height = 820
set yrange [0:*]
plotcmd = "plot data using 2:xtic(1) title 'user', '' using 3 title 'system'"
load dir."/render.gp"
