// Charts of stats exercise.html (a static file: the CSP allows no inline script).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var towns = echarts.init(document.getElementById("chart-townships"));
  towns.setOption({
    tooltip: {trigger: "axis"}, legend: {data: ["行权", "未行权", "行权率"]}, grid: {bottom: 90},
    xAxis: {type: "category", data: data.townships.map(function (r) { return r[0]; }), axisLabel: {rotate: 45}},
    yAxis: [{type: "value", name: "事项"}, {type: "value", name: "%", max: 100}],
    series: [
      {name: "行权", type: "bar", stack: "n", data: data.townships.map(function (r) { return r[2]; })},
      {name: "未行权", type: "bar", stack: "n", data: data.townships.map(function (r) { return r[3]; })},
      {name: "行权率", type: "line", yAxisIndex: 1, data: data.townships.map(function (r) { return r[1]; })}
    ]
  });
  var fines = echarts.init(document.getElementById("chart-fines"));
  fines.setOption({
    tooltip: {trigger: "axis"}, legend: {data: ["实缴罚没款", "返还乡镇"]}, grid: {bottom: 90},
    xAxis: {type: "category", data: data.fines.map(function (r) { return r[0]; }), axisLabel: {rotate: 45}},
    yAxis: {type: "value", name: "元"},
    series: [
      {name: "实缴罚没款", type: "bar", data: data.fines.map(function (r) { return r[1]; })},
      {name: "返还乡镇", type: "bar", data: data.fines.map(function (r) { return r[2]; })}
    ]
  });
})();
