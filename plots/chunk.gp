# chunk.gp - (3) throughput against chunk size, one line per method (log x).
# data columns: chunk_bytes, then one column per method (median GiB/s; NaN when not run)
load dir."/common.gp"
set title "Throughput against chunk size"
set xlabel "chunk size (bytes per call / per slot)"
set ylabel "GiB/s (2^30 bytes/s), median"
set logscale x 2
set format x "%.0b %BB"
set yrange [0:*]
stats data using 1 nooutput
ncols = STATS_columns
plotcmd = "plot for [i=2:ncols] data using 1:i with linespoints lw 2 pt 7 title columnhead(i)"
load dir."/render.gp"
