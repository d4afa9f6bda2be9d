(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var font = {fontFamily: "Noto Sans CJK SC, sans-serif"};
  // Unit names (up to a team's 11 characters) lie flat where each has room; on a phone
  // they are slanted and cut with "…" (the tooltip has them whole), never cut off at the edge.
  var width = document.getElementById("rates").clientWidth;
  var longest = Math.max.apply(null, d.names.map(function (n) { return n.length; }).concat([1]));
  var flat = width / Math.max(d.names.length, 1) > longest * 13 + 8;
  var grid = flat ? {top: 60, left: 50, right: 20} : {top: 60, left: 80, right: 20, bottom: 70};
  var label = flat ? {interval: 0} : {interval: 0, rotate: 30, width: 84, overflow: "truncate"};
  var rates = echarts.init(document.getElementById("rates"));
  rates.setOption({title: {text: "三率(%)", textStyle: font}, tooltip: {trigger: "axis"}, legend: {top: 24},
    grid: grid, xAxis: {type: "category", data: d.names, axisLabel: label},
    yAxis: {type: "value", max: 100},
    series: [{name: "响应率", type: "bar", data: d.response}, {name: "解决率", type: "bar", data: d.resolution},
             {name: "满意率", type: "bar", data: d.satisfaction}]});
  var times = echarts.init(document.getElementById("times"));
  times.setOption({title: {text: "用时(小时)", textStyle: font}, tooltip: {trigger: "axis"}, legend: {top: 24},
    grid: grid, xAxis: {type: "category", data: d.names, axisLabel: label},
    yAxis: {type: "value"},
    series: [{name: "接收用时中位", type: "bar", data: d.accept_p50}, {name: "办结用时中位", type: "bar", data: d.handle_p50},
             {name: "九成办结用时", type: "bar", data: d.handle_p90}]});
})();
