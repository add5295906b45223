# cpu.gp - (1) CPU seconds per GiB moved, of the sender and of the receiver, per group of runs:
# the median, with the median's distribution-free 95% interval as error bars (min to max for a
# group too small for one); the 2014 code's published figures (on its machine, over its 1.4 GB
# file) as diamonds beside the study's own rows.
# data columns: label, sender median, low, high, receiver median, low, high, sender 2014,
# receiver 2014 (NaN where the study has no row)
load dir."/common.gp"
set title "CPU time per GiB moved, sender (parent) and receiver (child)"
set ylabel "CPU seconds per GiB (user + system)"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set xtics rotate by 30 right
set lmargin 18
set key below
set yrange [0:*]

# a histogram cluster i of two bars with gap 2 puts its bars at i - 0.125 and i + 0.125
plotcmd = "plot data using 2:3:4:xtic(1) title 'sender: median, bars its interval (95% with 6 or more runs)', " .\
  "'' using 5:6:7 title 'receiver: median, bars its interval (95% with 6 or more runs)', " .\
  "'' using ($0 - 0.125):8 with points pt 13 ps 2 lc rgb '#000000' title 'the 2014 code (its machine, per GiB)', " .\
  "'' using ($0 + 0.125):9 with points pt 13 ps 2 lc rgb '#000000' notitle"
load dir."/render.gp"
