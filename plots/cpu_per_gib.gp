# cpu_per_gib.gp - (5) user and system CPU seconds per GiB moved, stacked, per group and side.
# data columns: label, user_s_per_gib, sys_s_per_gib (medians)
load dir."/common.gp"
set title "Where the CPU goes: user vs system seconds per GiB moved"
set ylabel "CPU seconds per GiB (median)"
set style data histogram
set style histogram rowstacked
set boxwidth 0.7
set xtics rotate by -35
set yrange [0:*]
plotcmd = "plot data using 2:xtic(1) title 'user', '' using 3 title 'system'"
load dir."/render.gp"
