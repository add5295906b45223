# cpu.gp - (1) CPU seconds of the sender and the receiver per group of runs, mean with the 95%
# confidence interval of the mean as error bars: the 2014 study's chart, measured here.
# data columns: label, sender_mean, sender_ci_half, receiver_mean, receiver_ci_half
load dir."/common.gp"
set title "CPU time per transfer, sender (parent) and receiver (child)"
set ylabel "CPU seconds (user + system), mean with 95% CI"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set xtics rotate by -25
set yrange [0:*]
plotcmd = "plot data using 2:3:xtic(1) title 'sender (parent)', '' using 4:5 title 'receiver (child)'"
load dir."/render.gp"
