// Chart of training/report.html (a static file: the CSP allows no inline script).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  echarts.init(document.getElementById("chart-training")).setOption({
    tooltip: {trigger: "axis"}, legend: {}, grid: {left: 50, bottom: 80},
    xAxis: {type: "category", data: data.units.map(function (r) { return r[0]; }), axisLabel: {rotate: 40}},
    yAxis: [{type: "value", name: "人次"}, {type: "value", name: "学时"}],
    series: [
      {name: "参训人次", type: "bar", data: data.units.map(function (r) { return r[1]; })},
      {name: "学时", type: "line", yAxisIndex: 1, data: data.units.map(function (r) { return r[2]; })}
    ]
  });
})();
