// Chart of exams/detail.html (a static file: the CSP allows no inline script).
(function () {
  var node = document.getElementById("chart-rates");
  if (!node) { return; }
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  echarts.init(node).setOption({
    tooltip: {trigger: "axis"}, legend: {}, grid: {left: 50, bottom: 80},
    xAxis: {type: "category", data: data.units.map(function (r) { return r[0]; }), axisLabel: {rotate: 40}},
    yAxis: [{type: "value", name: "人"}, {type: "value", name: "%", max: 100}],
    series: [
      {name: "实考", type: "bar", data: data.units.map(function (r) { return r[1]; })},
      {name: "合格", type: "bar", data: data.units.map(function (r) { return r[2]; })},
      {name: "通过率", type: "line", yAxisIndex: 1, data: data.units.map(function (r) { return r[3]; })}
    ]
  });
})();
