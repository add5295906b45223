# render.gp - draw the plot command in the macro `plotcmd` twice: PNG and SVG.
set terminal pngcairo size 1000,620 font "sans,11" noenhanced
set output out.".png"
@plotcmd
set terminal svg size 1000,620 font "sans,11" noenhanced
set output out.".svg"
@plotcmd
unset output
