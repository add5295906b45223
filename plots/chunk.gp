# chunk.gp - (3) the chunk sweep: throughput (left) and CPU seconds per GiB (right) against chunk
# size, one line per method (log x), each point the median of its runs with min-max bars.
# data: a block per method, two blank lines apart, each with a header line naming the method in
# its second column; columns chunk_bytes, GiB/s median, min, max, CPU s/GiB median, min, max.
load dir."/common.gp"
# each method's colour, the same in every graph (plot_data.c writes it beside the data)
load data[1:strlen(data)-4].".lt"
set logscale x 2
set format x "%.0b %BB"
set xlabel "chunk size (bytes per call / per slot)"
set yrange [0:*]
set offsets graph 0.03, graph 0.03, 0, 0
stats data using 1 nooutput
nblocks = STATS_blocks
# each method's points a little apart on the log axis, so the bars do not hide each other
dodge(i) = 2**((i - (nblocks - 1) / 2.0) * 0.07)
set key below horizontal width 4
set bmargin 7
plotcmd = "set multiplot layout 1,2 title 'Throughput and CPU per GiB against chunk size (median of the runs, bars min to max)';" .\
  "set title 'End-to-end throughput'; set ylabel 'GiB/s (2^30 bytes/s)';" .\
  "plot for [i=0:nblocks-1] data index i using ($1*dodge(i)):2:3:4 with yerrorlines lw 2 pt 7 lt (word(method_lt, i+1)+0) title columnhead(2);" .\
  "set title 'CPU time, sender + receiver'; set ylabel 'CPU seconds per GiB moved';" .\
  "plot for [i=0:nblocks-1] data index i using ($1*dodge(i)):5:6:7 with yerrorlines lw 2 pt 7 lt (word(method_lt, i+1)+0) title columnhead(2);" .\
  "unset multiplot"
load dir."/render.gp"
