(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var towns = echarts.init(document.getElementById("chart-townships"));
  towns.setOption({
    tooltip: {trigger: "axis"}, legend: {data: ["基本盘", "自选盘"]},
    xAxis: {type: "category", data: data.townships.map(function (r) { return r[0]; }), axisLabel: {rotate: 45}},
    yAxis: {type: "value", name: "项"}, grid: {bottom: 90},
    series: [
      {name: "基本盘", type: "bar", stack: "n", data: data.townships.map(function (r) { return r[1]; })},
      {name: "自选盘", type: "bar", stack: "n", data: data.townships.map(function (r) { return r[2]; })}
    ]
  });
  var fields = echarts.init(document.getElementById("chart-fields"));
  fields.setOption({
    tooltip: {}, grid: {left: 120},
    xAxis: {type: "value", name: "镇均认领"},
    yAxis: {type: "category", inverse: true, data: data.fields.map(function (r) { return r[0]; })},
    series: [{type: "bar", data: data.fields.map(function (r) { return r[1]; })}]
  });
  var types = echarts.init(document.getElementById("chart-types"));
  types.setOption({
    tooltip: {trigger: "item"},
    series: [{type: "pie", radius: ["35%", "70%"], data: data.types.map(function (r) { return {name: r[0], value: r[1]}; })}]
  });
})();
