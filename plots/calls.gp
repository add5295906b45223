# calls.gp - (8) CPU seconds per GiB (both sides) against system calls per GiB, log x: a point
# per run, and the cost model's line per method over its runs' range of calls (every other term
# as in the method's first run, per GiB).  Why bytes per call matter more than copies at 4 KiB, and less at 1 MiB.
# data columns: method, calls_per_gib, cpu_s_per_gib, kind ("run" or "model"); each method's
# two model rows end with a blank line, so its segment stands alone
load dir."/common.gp"
set title "CPU seconds per GiB against system calls per GiB"
set xlabel "system calls per GiB (both sides, log scale)"
set ylabel "CPU seconds per GiB (both sides)"
set logscale x
set yrange [0:*]
set key off
plotcmd = "plot data using 2:(strcol(4) eq 'run' ? $3 : NaN) with points pt 7 ps 0.8, '' using 2:(strcol(4) eq 'model' ? $3 : NaN) with linespoints lw 2 pt 2, '' every 2::1 using 2:(strcol(4) eq 'model' ? $5 : NaN):(strcol(4) eq 'model' ? strcol(1) : '') with labels left offset 0.8,0"
load dir."/render.gp"
