# cpu.gp - (1) CPU seconds of the sender and the receiver per group of runs: the median, with
# the median's distribution-free confidence interval as error bars (at least 95% from 6 runs,
# min to max below that): the 2014 study's chart, measured here.
# data columns: label, sender_median, sender_low, sender_high, receiver_median, receiver_low,
# receiver_high
load dir."/common.gp"
set title "CPU time per transfer, sender (parent) and receiver (child)"
set ylabel "CPU seconds (user + system), median with its CI"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set xtics rotate by -25
set yrange [0:*]
plotcmd = "plot data using 2:3:4:xtic(1) title 'sender (parent)', '' using 5:6:7 title 'receiver (child)'"
load dir."/render.gp"
