// Draw the dashboard figures (built on the server) with Plotly's offline bundle.
document.querySelectorAll("script[id^='fig-']").forEach(function (node) {
  var target = document.getElementById(node.id.replace("fig-", "chart-"));
  if (!target || !window.Plotly) return;
  var fig = JSON.parse(JSON.parse(node.textContent));
  Plotly.newPlot(target, fig.data, fig.layout, {responsive: true, displaylogo: false});
});
