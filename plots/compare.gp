# compare.gp - `bulkxfer compare OLD NEW`: for each group of runs present in both, the ratio
# new / old of GiB/s and of each side's CPU seconds, with its 95% interval; 1 = no change.
# data columns: label, then ratio, low, high for GiB/s, sender CPU and receiver CPU
load dir."/common.gp"
set title "New against old, per group of runs (ratio new / old, 95% interval)"
set ylabel "ratio new / old (GiB/s: above 1 is faster; CPU: below 1 is cheaper)"
set logscale y 2
set xtics rotate by -25
set offsets 0.5, 0.5, 0, 0
set key top right
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "#888888"
plotcmd = "plot data using ($0-0.15):2:3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lw 1.5 title 'GiB/s', " .\
  "data using ($0):5:6:7 with yerrorbars pt 5 ps 1.2 lw 1.5 title 'sender CPU', " .\
  "data using ($0+0.15):8:9:10 with yerrorbars pt 9 ps 1.2 lw 1.5 title 'receiver CPU'"
load dir."/render.gp"
