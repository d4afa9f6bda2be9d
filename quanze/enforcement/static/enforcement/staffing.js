// Charts of staffing/report.html (a static file: the CSP allows no inline script).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var names = function (rows) { return rows.map(function (r) { return r[0]; }); };
  var col = function (rows, i) { return rows.map(function (r) { return r[i]; }); };
  var towns = document.getElementById("chart-townships");
  if (towns) {
    echarts.init(towns).setOption({
      tooltip: {trigger: "axis"}, legend: {data: ["持证执法人员", "承接事项", "年度案件", "下限"]},
      grid: {bottom: 90},
      xAxis: {type: "category", data: names(data.townships), axisLabel: {rotate: 45}},
      yAxis: [{type: "value", name: "人"}, {type: "value", name: "项/件"}],
      series: [
        {name: "持证执法人员", type: "bar", data: col(data.townships, 1)},
        {name: "下限", type: "line", step: "middle", symbol: "none", data: col(data.townships, 4)},
        {name: "承接事项", type: "line", yAxisIndex: 1, data: col(data.townships, 2)},
        {name: "年度案件", type: "line", yAxisIndex: 1, data: col(data.townships, 3)}
      ]
    });
  }
  var posts = document.getElementById("chart-posts");
  if (posts) {
    echarts.init(posts).setOption({
      tooltip: {trigger: "axis"}, legend: {data: ["实有", "空编", "下沉编制"]}, grid: {bottom: 110},
      xAxis: {type: "category", data: names(data.posts), axisLabel: {rotate: 45}},
      yAxis: {type: "value", name: "名"},
      series: [
        {name: "实有", type: "bar", stack: "p", data: col(data.posts, 1)},
        {name: "空编", type: "bar", stack: "p", data: col(data.posts, 2)},
        {name: "下沉编制", type: "bar", data: col(data.posts, 3)}
      ]
    });
  }
  var share = document.getElementById("chart-share");
  if (share) {
    echarts.init(share).setOption({
      tooltip: {trigger: "item", formatter: "{b}:{c} 人({d}%)"},
      series: [{type: "pie", radius: ["40%", "70%"], data: [
        {name: "在乡镇(街道)工作", value: data.share[0]},
        {name: "在县直部门工作", value: data.share[1]}
      ]}]
    });
  }
})();
