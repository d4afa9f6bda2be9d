(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var font = {fontFamily: "Noto Sans CJK SC, sans-serif"};
  function bars(id, title, names, values) {
    var el = document.getElementById(id);
    if (!el || !names.length) { return; }
    var chart = echarts.init(el);
    chart.setOption({title: {text: title, textStyle: font}, tooltip: {}, grid: {left: 8, right: 24, top: 40, containLabel: true},
      xAxis: {type: "value", min: 0, max: 100}, yAxis: {type: "category", data: names.slice().reverse()},
      series: [{type: "bar", data: values.slice().reverse(), label: {show: true, position: "right"}}]});
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (d.department) { bars("chart-department", "部门总分", d.department.names, d.department.totals); }
  if (d.township) { bars("chart-township", "乡镇总分", d.township.names, d.township.totals); }
  if (d.names) { bars("chart-unit", "各项指标得分", d.names, d.scores); }
})();
