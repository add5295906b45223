# size.gp - (4) throughput against file size, one line per method (log x).
# data columns: file_bytes, then one column per method (median GiB/s; NaN when not run)
load dir."/common.gp"
# each method's colour, the same in every graph (plot_data.c writes it beside the data)
load data[1:strlen(data)-4].".lt"
set title "Throughput against file size"
set xlabel "file size (bytes)"
set ylabel "GiB/s (2^30 bytes/s), median"
set logscale x 2
set format x "%.0b %BB"
set yrange [0:*]
stats data using 1 nooutput
ncols = STATS_columns
plotcmd = "plot for [i=2:ncols] data using 1:i with linespoints lw 2 pt 7 lt (word(method_lt, i-1)+0) title columnhead(i)"
load dir."/render.gp"
