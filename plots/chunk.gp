# chunk.gp - (3) the chunk sweep: throughput (left) and CPU seconds per GiB (right) against chunk
# size, one line per method (log x), each point the median of its runs with min-max bars.
# data: a block per method, two blank lines apart, each with a header line naming the method in
# its second column; columns chunk_bytes, GiB/s median, min, max, CPU s/GiB median, min, max.
load dir."/common.gp"
set logscale x 2
set format x "%.0b %BB"
set xlabel "chunk size (bytes per call / per slot)"
set yrange [0:*]
set offsets graph 0.03, graph 0.03, 0, 0
stats data using 1 nooutput
nblocks = STATS_blocks
plotcmd = "set multiplot layout 1,2 title 'Throughput and CPU per GiB against chunk size (median of the runs, bars min to max)';" .\
  "set title 'End-to-end throughput'; set ylabel 'GiB/s (2^30 bytes/s)';" .\
  "plot for [i=0:nblocks-1] data index i using 1:2:3:4 with yerrorlines lw 2 pt 7 title columnhead(2);" .\
  "set title 'CPU time, sender + receiver'; set ylabel 'CPU seconds per GiB moved'; set key top right;" .\
  "plot for [i=0:nblocks-1] data index i using 1:5:6:7 with yerrorlines lw 2 pt 7 title columnhead(2);" .\
  "unset multiplot; set key top left"
load dir."/render.gp"
