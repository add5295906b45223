# render.gp - draw the plot command in the macro `plotcmd` twice: PNG and SVG, at 1000 x
# `height` pixels (620 unless the script sets it: a graph with many labels needs more room).
if (!exists("height")) height = 620
set terminal pngcairo size 1000,height font "sans,11" noenhanced
set output out.".png"
@plotcmd
set terminal svg size 1000,height font "sans,11" noenhanced
set output out.".svg"
@plotcmd
unset output
