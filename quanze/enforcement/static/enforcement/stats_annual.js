// Charts of stats annual.html (a static file: the CSP allows no inline script).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  echarts.init(document.getElementById("chart-penalties")).setOption({
    tooltip: {trigger: "item"},
    series: [{type: "pie", radius: ["35%", "70%"], data: data.penalties.map(function (r) { return {name: r[0], value: r[1]}; })}]
  });
  echarts.init(document.getElementById("chart-acts")).setOption({
    tooltip: {}, grid: {left: 60},
    xAxis: {type: "category", data: data.acts.map(function (r) { return r[0]; })},
    yAxis: {type: "value", name: "件"},
    series: [{type: "bar", data: data.acts.map(function (r) { return r[1]; })}]
  });
})();
