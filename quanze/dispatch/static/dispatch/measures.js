(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var font = {fontFamily: "Noto Sans CJK SC, sans-serif"};
  var rates = echarts.init(document.getElementById("rates"));
  rates.setOption({title: {text: "三率(%)", textStyle: font}, tooltip: {}, legend: {top: 24},
    grid: {top: 60}, xAxis: {type: "category", data: d.names, axisLabel: {interval: 0, rotate: 30}},
    yAxis: {type: "value", max: 100},
    series: [{name: "响应率", type: "bar", data: d.response}, {name: "解决率", type: "bar", data: d.resolution},
             {name: "满意率", type: "bar", data: d.satisfaction}]});
  var times = echarts.init(document.getElementById("times"));
  times.setOption({title: {text: "用时(小时)", textStyle: font}, tooltip: {}, legend: {top: 24},
    grid: {top: 60}, xAxis: {type: "category", data: d.names, axisLabel: {interval: 0, rotate: 30}},
    yAxis: {type: "value"},
    series: [{name: "接收用时中位", type: "bar", data: d.accept_p50}, {name: "办结用时中位", type: "bar", data: d.handle_p50},
             {name: "九成办结用时", type: "bar", data: d.handle_p90}]});
})();
