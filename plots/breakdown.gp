# breakdown.gp - (7) each side's median CPU seconds split by the cost model into system calls,
# CPU copies, page references, page faults, wake-ups, the fixed cost and the residual, stacked.
# data columns: label, calls, copies, page_refs, faults, wakeups, fixed, residual (seconds; a
# negative residual, where the model over-predicts, is drawn as 0)
load dir."/common.gp"
set title "Where each side's CPU time goes (cost model fitted over every run)"
set ylabel "CPU seconds (median run)"
set style data histogram
set style histogram rowstacked
set boxwidth 0.7
set xtics rotate by -35
set yrange [0:*]
set key top right
plotcmd = "plot data using 2:xtic(1) title 'calls', '' using 3 title 'copies', '' using 4 title 'page refs', '' using 5 title 'faults', '' using 6 title 'wake-ups', '' using 7 title 'fixed', '' using 8 title 'residual'"
load dir."/render.gp"
